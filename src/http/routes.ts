import type restify from 'restify';
import type { Services } from '../services';
import { registerIcsRoute } from './ics';
import { registerArendeloggTab } from './arendelogg-tab';
import { registerProtocolDocuments } from './protocol-documents';
import { registerPublicProtocol } from './public-protocol';
import { registerRegisterExtractFile } from './registerutdrag-file';
import { registerProtocolArchive } from './protocol-archive';
import { registerTabPages } from './tab/pages';
import { registerTabApi } from './tab/api';
import { registerAnslagstavla } from './anslagstavla/routes';

/** Web routes beside /api/messages (documents, the ärendelogg tab, ICS); each feature adds its own here. */
export function registerHttpRoutes(server: restify.Server, services: Services): void {
  registerIcsRoute(server, services);
  registerArendeloggTab(server, services);
  registerPublicProtocol(server, services);
  registerProtocolDocuments(server, services);
  registerRegisterExtractFile(server, services);
  registerProtocolArchive(server, services);
  registerTabPages(server, services);
  registerTabApi(server, services);
  registerAnslagstavla(server, services);
}
