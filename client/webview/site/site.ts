// The published site's one page script (bundled as a browser IIFE into dist/site/site.js and
// copied once into each site's assets/): every page names its kind in `data-page` on its body,
// and gets what that kind of page does. Without the script every page still reads and prints;
// a pathway's flowchart shows only when it was drawn into the page (`--static-charts`).
import { startIndexPage } from './indexPage';
import { startPathwayPage } from './pathwayPage';

switch (document.body.dataset['page']) {
  case 'index':
    startIndexPage();
    break;
  case 'pathway':
    void startPathwayPage();
    break;
  default:
    // The references page, and any other, reads as it is.
    break;
}
