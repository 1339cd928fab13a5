// Prisma access for users and roles. Functions take the client (or a transaction) first.
import type { DbTx } from "../db";
import type { TRole } from "../auth/roles";

export const findUserByEmail = (db: DbTx, email: string) =>
  db.user.findUnique({ where: { email }, include: { roles: true } });

export const findUserById = (db: DbTx, id: string) =>
  db.user.findUnique({ where: { id }, include: { roles: true } });

export const listRoles = async (db: DbTx, userId: string) =>
  (await db.userRole.findMany({ where: { userId }, select: { role: true } })).map((r) => r.role as TRole);

export const createUser = (
  db: DbTx,
  data: { email: string; name: string; passwordHash: string; locale?: string | null; roles: TRole[] },
) =>
  db.user.create({
    data: {
      email: data.email,
      name: data.name,
      passwordHash: data.passwordHash,
      locale: data.locale ?? null,
      roles: { create: data.roles.map((role) => ({ role })) },
    },
    include: { roles: true },
  });

export const updatePasswordHash = (db: DbTx, id: string, passwordHash: string) =>
  db.user.update({ where: { id }, data: { passwordHash } });

export const updateLocale = (db: DbTx, id: string, locale: string) =>
  db.user.update({ where: { id }, data: { locale } });

export const addRole = (db: DbTx, userId: string, role: TRole) =>
  db.userRole.upsert({ where: { userId_role: { userId, role } }, create: { userId, role }, update: {} });
