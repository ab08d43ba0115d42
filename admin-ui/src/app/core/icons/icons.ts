import { inject } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import add from '@material-symbols/svg-400/outlined/add.svg';
import arrowBack from '@material-symbols/svg-400/outlined/arrow_back.svg';
import check from '@material-symbols/svg-400/outlined/check.svg';
import close from '@material-symbols/svg-400/outlined/close.svg';
import contentCopy from '@material-symbols/svg-400/outlined/content_copy.svg';
import dashboard from '@material-symbols/svg-400/outlined/dashboard.svg';
import deleteIcon from '@material-symbols/svg-400/outlined/delete.svg';
import download from '@material-symbols/svg-400/outlined/download.svg';
import edit from '@material-symbols/svg-400/outlined/edit.svg';
import error from '@material-symbols/svg-400/outlined/error.svg';
import group from '@material-symbols/svg-400/outlined/group.svg';
import history from '@material-symbols/svg-400/outlined/history.svg';
import logout from '@material-symbols/svg-400/outlined/logout.svg';
import menu from '@material-symbols/svg-400/outlined/menu.svg';
import monitorHeart from '@material-symbols/svg-400/outlined/monitor_heart.svg';
import moreVert from '@material-symbols/svg-400/outlined/more_vert.svg';
import person from '@material-symbols/svg-400/outlined/person.svg';
import policy from '@material-symbols/svg-400/outlined/policy.svg';
import refresh from '@material-symbols/svg-400/outlined/refresh.svg';
import search from '@material-symbols/svg-400/outlined/search.svg';
import taskAlt from '@material-symbols/svg-400/outlined/task_alt.svg';
import undo from '@material-symbols/svg-400/outlined/undo.svg';
import verified from '@material-symbols/svg-400/outlined/verified_user.svg';
import warning from '@material-symbols/svg-400/outlined/warning.svg';
import wifiOff from '@material-symbols/svg-400/outlined/wifi_off.svg';
import personAdd from '@material-symbols/svg-400/outlined/person_add.svg';
import personOff from '@material-symbols/svg-400/outlined/person_off.svg';
import howToReg from '@material-symbols/svg-400/outlined/how_to_reg.svg';
import visibility from '@material-symbols/svg-400/outlined/visibility.svg';
import visibilityOff from '@material-symbols/svg-400/outlined/visibility_off.svg';
import key from '@material-symbols/svg-400/outlined/key.svg';
import devices from '@material-symbols/svg-400/outlined/devices.svg';
import passwordIcon from '@material-symbols/svg-400/outlined/password.svg';
import manageAccounts from '@material-symbols/svg-400/outlined/manage_accounts.svg';
import pause from '@material-symbols/svg-400/outlined/pause.svg';
import playArrow from '@material-symbols/svg-400/outlined/play_arrow.svg';
import stream from '@material-symbols/svg-400/outlined/stream.svg';
import webhook from '@material-symbols/svg-400/outlined/webhook.svg';
import send from '@material-symbols/svg-400/outlined/send.svg';
import replay from '@material-symbols/svg-400/outlined/replay.svg';

/** Material Symbols bundled as SVG text: no font download, works offline and under our CSP. */
const ICONS: Record<string, string> = {
  add,
  arrow_back: arrowBack,
  check,
  close,
  content_copy: contentCopy,
  dashboard,
  delete: deleteIcon,
  download,
  edit,
  error,
  group,
  history,
  logout,
  menu,
  monitor_heart: monitorHeart,
  more_vert: moreVert,
  person,
  policy,
  refresh,
  search,
  task_alt: taskAlt,
  undo,
  verified_user: verified,
  warning,
  wifi_off: wifiOff,
  person_add: personAdd,
  person_off: personOff,
  how_to_reg: howToReg,
  visibility,
  visibility_off: visibilityOff,
  key,
  devices,
  password: passwordIcon,
  manage_accounts: manageAccounts,
  pause,
  play_arrow: playArrow,
  stream,
  webhook,
  send,
  replay,
};

/** Registers every icon by its Material Symbols name (`<mat-icon svgIcon="add">`). */
export function registerIcons(): void {
  const registry = inject(MatIconRegistry);
  const sanitizer = inject(DomSanitizer);
  for (const [name, svg] of Object.entries(ICONS)) {
    // Trusted: the SVG text is bundled from the icon package at build time, never user input.
    registry.addSvgIconLiteral(name, sanitizer.bypassSecurityTrustHtml(svg));
  }
}
