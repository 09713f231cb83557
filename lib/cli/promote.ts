/** `npm run promote -- <environment> <service>`: make the idle color active. See release.ts. */
import { main } from './release';

main('promote');
