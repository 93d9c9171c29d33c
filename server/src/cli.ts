import { parseArgs } from 'node:util';
import { AdminError, createGp, issueEnrolmentCode, listGps, revokeDevice } from './admin-service.js';
import { dbOptionsFromEnv } from './config.js';
import { openServerDb } from './db/open.js';

/**
 * The admin CLI, on the same database as the server (DATABASE_URL / MGRAMSEVA_SERVER_DATA_DIR):
 *
 *   npx tsx server/src/cli.ts create-gp --code pb.lodhipur --name Lodhipur --district Rupnagar \
 *       --block "Anandpur Sahib" --state Punjab --admin-name "Ram Singh" --admin-mobile 9876543210 --admin-password 'abc12!x'
 *   npx tsx server/src/cli.ts create-gp --id <GP id shown on the desktop> --code … (a GP already set up on a desktop)
 *   npx tsx server/src/cli.ts list
 *   npx tsx server/src/cli.ts enrolment-code --gp <GP id> [--minutes 30]
 *   npx tsx server/src/cli.ts revoke-device --device <device id>
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    district: { type: 'string' },
    block: { type: 'string' },
    state: { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-mobile': { type: 'string' },
    'admin-password': { type: 'string' },
    gp: { type: 'string' },
    minutes: { type: 'string' },
    device: { type: 'string' },
  },
});

const { db, close } = await openServerDb(dbOptionsFromEnv());
const now = new Date();
try {
  switch (positionals[0]) {
    case 'create-gp': {
      const admin = values['admin-mobile']
        ? { name: values['admin-name'] ?? '', mobile: values['admin-mobile'], password: values['admin-password'] ?? '' }
        : undefined;
      const r = await createGp(
        db,
        {
          ...(values.id ? { id: values.id } : {}),
          code: values.code ?? '',
          name: values.name ?? '',
          district: values.district ?? '',
          block: values.block ?? '',
          state: values.state ?? '',
          ...(admin ? { admin } : {}),
        },
        now,
      );
      console.log(JSON.stringify(r, null, 2));
      break;
    }
    case 'list':
      console.log(JSON.stringify(await listGps(db), null, 2));
      break;
    case 'enrolment-code': {
      const r = await issueEnrolmentCode(db, values.gp ?? '', now, values.minutes ? Number(values.minutes) : undefined);
      console.log(`Enrolment code ${r.code} (single use, expires ${r.expiresAt})`);
      break;
    }
    case 'revoke-device':
      await revokeDevice(db, values.device ?? '', now);
      console.log('revoked');
      break;
    default:
      console.error('usage: cli.ts create-gp|list|enrolment-code|revoke-device [options] (see the top of server/src/cli.ts)');
      process.exitCode = 2;
  }
} catch (e) {
  if (e instanceof AdminError) console.error(e.message);
  else if (e instanceof Error && e.name === 'ZodError') console.error(`Invalid input: ${e.message}`);
  else console.error(e);
  process.exitCode = 1;
} finally {
  await close();
}
