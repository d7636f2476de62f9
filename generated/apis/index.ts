/* tslint:disable */
/* eslint-disable */
export * from './AccountsApi';
export * from './AgreementsApi';
export * from './InstitutionsApi';
export * from './RequisitionsApi';
export * from './TokenApi';
