/** The environment of an example installation, as an operator would set it for `npm run package`. */
export const exampleEnv = {
  TEAMS_APP_ID: '8d7c4e0a-2f1b-4c3d-9e8f-1a2b3c4d5e6f',
  ENTRA_CLIENT_ID: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
  BOT_APP_ID: 'c0ffee00-1234-4abc-8def-0123456789ab',
  PUBLIC_URL: 'https://diarium.ekby.se',
  ORGANISATION_NAME: 'Ekby kommun',
};
