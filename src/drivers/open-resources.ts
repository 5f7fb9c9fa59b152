// What a driver created and has not closed yet, so that Driver.close() closes
// it: producers and consumers close themselves, and the driver closes the rest.
export class OpenResources {
  private readonly closers = new Set<() => Promise<void>>();

  /** Wraps `resource.close` so that it closes once and leaves the set. */
  track<T extends { close(): Promise<void> }>(resource: T): T {
    const close = resource.close.bind(resource);
    const closeOnce = async () => {
      this.closers.delete(closeOnce);
      await close();
    };
    resource.close = closeOnce;
    this.closers.add(closeOnce);
    return resource;
  }

  /** Closes everything still open, and `more` besides; the first failure, if any, is returned. */
  async closeAll(...more: Promise<void>[]): Promise<unknown> {
    const closing = [...[...this.closers].map((close) => close()), ...more];
    const failed = (await Promise.allSettled(closing)).find((r) => r.status === "rejected");
    return failed ? (failed as PromiseRejectedResult).reason : undefined;
  }
}
