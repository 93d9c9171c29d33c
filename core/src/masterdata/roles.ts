import rolesData from '../../../resources/masterdata/roles.json';

/** Role master data (resources/masterdata/roles.json), SPEC §1.1–1.2. */
export interface HomeCard {
  code: string;
  route: string;
  roles: readonly string[] | 'any';
  available: boolean;
}

const roleList: { code: string; name: string; bundle?: string[] }[] = rolesData.roles;
export const ROLE_CODES = roleList.map((r) => r.code);
export const homeCards: HomeCard[] = rolesData.homeCards as HomeCard[];

/** The roles a user effectively holds: the assigned codes plus what their bundles stand for. */
export function expandRoles(assigned: readonly string[]): string[] {
  const out = new Set<string>();
  for (const code of assigned) {
    out.add(code);
    for (const inner of roleList.find((r) => r.code === code)?.bundle ?? []) out.add(inner);
  }
  return [...out].sort();
}

export function holdsAny(effective: readonly string[], allowed: readonly string[]): boolean {
  return allowed.some((r) => effective.includes(r));
}

/** The home cards (SPEC §1.2 order) the given effective roles may see, for screens that exist. */
export function cardsFor(effective: readonly string[]): HomeCard[] {
  return homeCards.filter((c) => c.available && (c.roles === 'any' || holdsAny(effective, c.roles)));
}
