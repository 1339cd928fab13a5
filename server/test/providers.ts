// Payment providers for tests of what happens around a top-up.
import { SandboxProvider, type PaymentProvider } from "../payments/provider";

/** The sandbox (every top-up succeeds at once), except that something else happens while it confirms: a race made real. */
export class MeanwhileProvider implements PaymentProvider {
  readonly id = "sandbox";
  readonly isSandbox = true;
  constructor(private readonly meanwhile: () => Promise<unknown>) {}
  async createIntent(intent: { id: string; amount: number; currency: string; userId: string }) {
    await this.meanwhile();
    return new SandboxProvider().createIntent(intent);
  }
  parseWebhook(): never {
    throw new Error("not used");
  }
}
