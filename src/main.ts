import { launch } from './launcher/launch';

void launch();
