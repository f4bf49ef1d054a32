/**
 * The rights table, built from the actions' declarations (each action file states its `rights`).
 * Built on first use: action files import the guards that read it, so it cannot be read at load time.
 */
import type { Party } from '../domain/rights';
import { allActions } from './index';

let table: ReadonlyMap<string, readonly Party[]> | undefined;

function built(): ReadonlyMap<string, readonly Party[]> {
  table ??= new Map(allActions().map((a) => [a.name, a.rights]));
  return table;
}

/** Who may do the named action; undefined for a name no action declares (refused for everyone). */
export function rightsOf(action: string): readonly Party[] | undefined {
  return built().get(action);
}
