/** The app's version, shown in the status and the about box; kept equal to package.json. */
export const APP_VERSION = '0.1.0';
