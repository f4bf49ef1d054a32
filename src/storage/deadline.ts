import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Deadlines for storage calls. Every call to Azure Tables gets one (TableStore's pipeline policy
 * asks `storageSignal`): at most the store's per-call timeout, and while a request is being
 * answered, no later than that request's storage budget allows, so a card button answers within
 * Teams' five seconds however many calls the handler makes. A frozen storage account then answers
 * "Kunde inte spara" instead of hanging.
 */
interface Budget {
  deadline: number;
  /** Cleared when the answer is sent: work the activity left running gets per-call deadlines only. */
  open: boolean;
}

const budgets = new AsyncLocalStorage<Budget>();

/**
 * Runs `fn` (the start of answering one request) with `ms` for all the storage calls it and what
 * it awaits make; `fn` is handed the function that ends the budget once the answer is sent.
 */
export function withStorageBudget<T>(ms: number, fn: (close: () => void) => T): T {
  const budget: Budget = { deadline: Date.now() + ms, open: true };
  return budgets.run(budget, () => fn(() => (budget.open = false)));
}

/** The signal that aborts one storage call: after `callMs`, or when the activity's budget runs out. */
export function storageSignal(callMs: number): AbortSignal {
  const budget = budgets.getStore();
  const left = budget?.open ? budget.deadline - Date.now() : callMs;
  return AbortSignal.timeout(Math.max(0, Math.min(callMs, left)));
}

/** True for the error a storage call ends with when its deadline (or any abort) cut it short. */
export function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
