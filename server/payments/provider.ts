// The seam for real payment providers. A provider turns a top-up intent into money
// arriving: at once (the sandbox) or later, through its webhook. Quartier never trusts the
// browser for "paid": only createIntent's answer or a verified webhook confirms an intent.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../../env";

export type TIntentStatus = "pending" | "succeeded" | "failed" | "canceled";

export interface PaymentProvider {
  /** Stable id stored on intents and used in the webhook path /api/payments/webhook/<id>. */
  readonly id: string;
  /** Shown as "sandbox" in the UI: no real money moves. */
  readonly isSandbox: boolean;
  /** Registers the intent with the provider. */
  createIntent(intent: { id: string; amount: number; currency: string; userId: string }): Promise<{
    providerRef: string;
    status: TIntentStatus;
    /** Where to send the payer to authorise (a real provider's checkout page). */
    redirectUrl?: string;
    failureReason?: string;
  }>;
  /** Verifies and reads a webhook call; throws if the signature or body is not valid. */
  parseWebhook(headers: Record<string, string | string[] | undefined>, body: string): { providerRef: string; status: TIntentStatus };
}

/**
 * The built-in sandbox: every top-up succeeds at once. Its webhook accepts calls signed with
 * an HMAC of the body under a key derived from AUTH_SECRET, so the confirmation path a real
 * provider would use is exercised (and tested) too.
 */
export class SandboxProvider implements PaymentProvider {
  readonly id = "sandbox";
  readonly isSandbox = true;

  createIntent(intent: { id: string }) {
    return Promise.resolve({ providerRef: `sbx_${intent.id}`, status: "succeeded" as const });
  }

  static sign(body: string): string {
    const key = createHmac("sha256", env().authSecret).update("payments:sandbox-webhook").digest();
    return createHmac("sha256", key).update(body).digest("hex");
  }

  parseWebhook(headers: Record<string, string | string[] | undefined>, body: string) {
    const given = String(headers["x-sandbox-signature"] ?? "");
    const expected = SandboxProvider.sign(body);
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new Error("bad signature");
    }
    const parsed = JSON.parse(body) as { providerRef?: unknown; status?: unknown };
    if (typeof parsed.providerRef !== "string" || !["succeeded", "failed", "canceled"].includes(String(parsed.status))) {
      throw new Error("bad body");
    }
    return { providerRef: parsed.providerRef, status: parsed.status as TIntentStatus };
  }
}

/** The providers this deployment offers, by id. A real provider is added here. */
export function providers(): Map<string, PaymentProvider> {
  const list: PaymentProvider[] = [];
  if (env().PAYMENTS_SANDBOX) list.push(new SandboxProvider());
  return new Map(list.map((p) => [p.id, p]));
}

/** The provider used for top-ups, or null when none is configured. */
export function topUpProvider(): PaymentProvider | null {
  return providers().values().next().value ?? null;
}
