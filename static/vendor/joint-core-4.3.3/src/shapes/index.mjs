export * as standard from './standard.mjs';
