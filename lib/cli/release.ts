/** `npm run release -- <environment> <service> <image>`: put a new image on the idle color. See blue-green-step.ts. */
import { main } from './blue-green-step';

main('release');
