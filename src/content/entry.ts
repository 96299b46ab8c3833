// Bundle entry for the content script (IIFE, classic script): the only place main() is called.
import { main } from './main';

main();
