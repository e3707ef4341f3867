// A read-only view for the screens: the current state and a subscription to its changes. The runtime writes it; a
// screen only reads it and calls commands.

export interface View<T> {
  readonly current: T;
  /** Calls `listener` with the current state now and after every change; returns the unsubscribe function. */
  subscribe(listener: (state: T) => void): () => void;
}

export class ViewStore<T extends object> implements View<T> {
  private state: T;
  private readonly listeners = new Set<(state: T) => void>();

  constructor(initial: T) {
    this.state = Object.freeze({ ...initial });
  }

  get current(): T {
    return this.state;
  }

  subscribe(listener: (state: T) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the given fields (a new frozen object each time, so screens can compare by reference). */
  update(patch: Partial<T>): void {
    this.state = Object.freeze({ ...this.state, ...patch });
    for (const listener of [...this.listeners]) listener(this.state);
  }
}
