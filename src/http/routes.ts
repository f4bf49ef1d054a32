import type restify from 'restify';
import type { Services } from '../services';

/** Web routes beside /api/messages (documents, the ärendelogg tab, ICS); each feature adds its own here. */
export function registerHttpRoutes(_server: restify.Server, _services: Services): void {}
