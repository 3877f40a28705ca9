export type { Identity } from './identity.ts';
export { createTokenValidator, type TokenValidator, type TokenValidatorOptions } from './token-validator.ts';
export { createEntraKeySource, entraAudiences, entraIssuers, type EntraKeySourceOptions } from './entra.ts';
export { createDevIssuer, type DevIssuer, type DevIssuerOptions, type DevUser } from './dev-issuer.ts';
export { accessTokenOf, authenticate, identityOf } from './middleware.ts';
