/**
 * A refusal the user should read: the message is Swedish and says what was wrong and, where it
 * helps, what to write instead. Nothing is changed when one is thrown.
 */
export class UserError extends Error {
  constructor(readonly userMessage: string, readonly code: string = 'invalid') {
    super(userMessage);
  }
}

export class NotAllowedError extends UserError {
  constructor(message: string) {
    super(message, 'forbidden');
  }
}

export class NotFoundError extends UserError {
  constructor(message: string) {
    super(message, 'not_found');
  }
}
