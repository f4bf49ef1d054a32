/** What `npm start` says when a port is taken: which variable to set, in Swedish and English. */
export function portInUseMessage(err: unknown, ports: { PORT: number; PARAGRAF_AZURITE_PORT: number }): string | undefined {
  const e = err as { code?: string; port?: number; message?: string };
  if (e?.code !== 'EADDRINUSE') return undefined;
  const port = e.port ?? Number(/:(\d+)\b/.exec(e.message ?? '')?.[1]);
  const variable = port === ports.PARAGRAF_AZURITE_PORT ? 'PARAGRAF_AZURITE_PORT' : 'PORT';
  const what = variable === 'PORT' ? 'Paragrafs port (/api/messages)' : 'den inbyggda lagringens port (Azurite)';
  const other = port + 1;
  return [
    `Port ${port} är upptagen: ${what} kan inte startas. Stoppa det som använder porten, eller välj en annan: ${variable}=${other} npm start`,
    `Port ${port} is in use. Stop whatever uses it, or set ${variable} to a free port: ${variable}=${other} npm start`,
  ].join('\n');
}
