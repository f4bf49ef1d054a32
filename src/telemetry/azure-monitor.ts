import { NO_TELEMETRY, instrument, type Telemetry } from './telemetry';

/**
 * Application Insights through Microsoft's OpenTelemetry distro when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set. Without it nothing is loaded (the packages are
 * required here, not imported at the top) and every hook is a no-op.
 */
export function startTelemetry(connectionString: string | undefined): Telemetry {
  if (!connectionString) return NO_TELEMETRY;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const monitor = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  // Our own spans cover storage (one per round trip); the distro's Azure SDK spans would repeat them.
  monitor.useAzureMonitor({ azureMonitorExporterOptions: { connectionString }, instrumentationOptions: { azureSdk: { enabled: false } } });
  return instrument(api, api.trace.getTracer('paragraf'), api.metrics.getMeter('paragraf'), () => monitor.shutdownAzureMonitor());
}
