import { startParagraf } from './paragraf';
import { ConfigError } from './config';
import { stopOnSignals } from './shutdown';

startParagraf()
  .then((p) => stopOnSignals(() => p.close()))
  .catch((err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else console.error('Paragraf kunde inte starta:', err?.message ?? err);
    process.exit(1);
  });
