import { main } from './launcher/launch';

main();
