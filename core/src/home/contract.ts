import { z } from 'zod';
import { op } from '../api/operation.js';

export interface CardInfo {
  code: string;
  route: string;
}

export const homeContract = {
  'home.cards': op<CardInfo[]>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'read',
    doc: 'The home cards (SPEC §1.2) the signed-in user may open for the selected Gram Panchayat, in order.',
  }),
} as const;
