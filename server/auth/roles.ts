// Roles and the role→action map: the one place that says who may do what.
import { z } from "zod";

export const ROLES = ["resident", "merchant", "manager", "admin"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const PERMISSIONS = {
  "building.create": ["manager", "admin"],
  "building.manage": ["manager", "admin"], // plus: must manage that building (service check)
  "membership.join": ["resident", "merchant", "manager", "admin"],
  "user.manageRoles": ["admin"],
  "shop.manage": ["merchant"], // plus: must own that shop (service check)
  "shop.approve": ["admin"],
  "chat.moderate": ["admin"], // reported messages
  "parking.administer": ["admin"], // operators and their feed keys
  "parking.operate": ["manager", "admin"], // plus (managers): only their buildings' own spaces (service check)
  "health.read": ["admin"],
  "people.administer": ["admin"], // find people, their roles and suspensions, shops' suspensions (server/people)
  "audit.read": ["admin"], // the audit log of what admins did
} as const satisfies Record<string, readonly TRole[]>;

export type TAction = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], action: TAction): boolean {
  return (PERMISSIONS[action] as readonly string[]).some((r) => roles.includes(r));
}
