// Demo accounts. Their emails and password are a contract: README, e2e tests and
// scripts outside the repo rely on them.
import type { TRole } from "../../server/auth/roles";

export const DEMO_PASSWORD = "quartier-demo";

export type TDemoUser = { key: string; email: string; name: string; roles: TRole[]; locale: "fr" | "en" };

export const DEMO_USERS: TDemoUser[] = [
  { key: "resident", email: "resident@quartier.test", name: "Camille Martin", roles: ["resident"], locale: "fr" },
  { key: "resident2", email: "resident2@quartier.test", name: "Karim Benali", roles: ["resident"], locale: "fr" },
  { key: "merchant", email: "merchant@quartier.test", name: "Julien Moreau", roles: ["merchant"], locale: "fr" },
  { key: "merchant2", email: "merchant2@quartier.test", name: "Amélie Roux", roles: ["merchant"], locale: "fr" },
  { key: "merchant3", email: "merchant3@quartier.test", name: "Thomas Garnier", roles: ["merchant", "resident"], locale: "fr" },
  { key: "manager", email: "manager@quartier.test", name: "Sophie Lefèvre", roles: ["manager"], locale: "fr" },
  { key: "admin", email: "admin@quartier.test", name: "Équipe Quartier", roles: ["admin"], locale: "en" },
  { key: "claire", email: "claire.dubois@quartier.test", name: "Claire Dubois", roles: ["resident"], locale: "fr" },
  { key: "hugo", email: "hugo.bernard@quartier.test", name: "Hugo Bernard", roles: ["resident"], locale: "fr" },
  { key: "lea", email: "lea.nguyen@quartier.test", name: "Léa Nguyen", roles: ["resident"], locale: "en" },
  { key: "mathis", email: "mathis.robert@quartier.test", name: "Mathis Robert", roles: ["resident"], locale: "fr" },
  { key: "ines", email: "ines.petit@quartier.test", name: "Inès Petit", roles: ["resident"], locale: "fr" },
  // A merchant without a shop yet, to try opening one (the shop then waits for approval).
  { key: "merchant4", email: "merchant4@quartier.test", name: "Margaux Chevalier", roles: ["merchant"], locale: "fr" },
  // Repairers (prisma/seed/repairs.ts): a plumber, an electrician working in arrival windows, a garage.
  { key: "plumber", email: "plumber@quartier.test", name: "Marc Fontaine", roles: ["merchant"], locale: "fr" },
  { key: "electrician", email: "electrician@quartier.test", name: "Nadia Haddad", roles: ["merchant"], locale: "fr" },
  { key: "garage", email: "garage@quartier.test", name: "Paul Mercier", roles: ["merchant"], locale: "en" },
];
