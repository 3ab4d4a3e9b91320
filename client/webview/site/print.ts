// Printing a published pathway page: the chart whole at its natural size, whatever part of it
// the screen shows (the style sheet hides the toolbar and panels and fits it to the paper);
// the view on screen comes back after.
import type { FlowchartApp } from '../flowchartApp';

export function printWhole(app: FlowchartApp): void {
  const print = window.matchMedia('print');
  window.addEventListener('beforeprint', () => app.showWhole(true));
  window.addEventListener('afterprint', () => app.showWhole(print.matches));
  // The print media without a print (a browser's print emulation) follows it too.
  print.addEventListener('change', () => app.showWhole(print.matches));
}
