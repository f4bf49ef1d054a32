import { startParagraf } from './paragraf';
import { ConfigError } from './config';

startParagraf()
  .then((p) => {
    const stop = async () => {
      await p.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error('Paragraf kunde inte starta:', err?.message ?? err);
    process.exit(1);
  });
