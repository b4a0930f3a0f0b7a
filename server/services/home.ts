// What each person sees first: the bodies they serve and their own posts today.
import type { Database } from '../db/database.ts';
import { can, type Principal } from '../domain/permissions.ts';
import * as orgRepo from '../repositories/org.ts';

export function createHomeService(database: Database, clock: { today(): string }) {
  const { db } = database;
  return {
    async forPrincipal(p: Principal) {
      const today = clock.today();
      const communes = p.isSystemAdmin ? await orgRepo.listCommunes(db)
        : p.communeId !== null ? [await orgRepo.findCommune(db, p.communeId)].filter((c) => c !== undefined) : [];
      const commune = p.communeId !== null ? communes.find((c) => c.id === p.communeId) ?? null : null;
      const allBodies = commune ? await orgRepo.listBodies(db, commune.id) : [];
      const served = commune ? allBodies.filter((b) => can(p, 'body.read', { communeId: commune.id, bodyId: b.id })) : [];
      const secretaryOf = commune ? allBodies.filter((b) => can(p, 'meeting.record', { communeId: commune.id, bodyId: b.id })) : [];
      const signerOf = commune ? allBodies.filter((b) => can(p, 'document.sign', { communeId: commune.id, bodyId: b.id })) : [];
      const myPosts = p.personId !== null ? await orgRepo.activeMembershipsOfPerson(db, p.personId, today) : [];
      const isAdmin = commune ? can(p, 'account.manage', { communeId: commune.id }) : false;
      return { today, communes, commune, served, secretaryOf, signerOf, myPosts, isAdmin };
    },
  };
}
