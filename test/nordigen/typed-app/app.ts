/**
 * An app written against nordigen-node 1.4.1's own declarations: its README's
 * example, with what strict TypeScript asks of it under those declarations
 * (every `initSession` parameter, non-null environment values), and the error
 * handling apps write against axios errors. `npm run typecheck` compiles it
 * against nordigen-node; test:consumer (scripts/consumer-test.js) compiles it,
 * unchanged but for the import, strictly against the packed package's
 * declarations, then runs it on the sandbox.
 */
import { randomUUID } from 'node:crypto';
import NordigenClient from 'nordigen-node';

interface Env {
  SECRET_ID: string;
  SECRET_KEY: string;
  BASE_URL: string;
}

/** `consent` plays the end user approving at the requisition's link. */
export async function main(env: Env, consent: (link: string) => Promise<void>): Promise<string> {
  const client = new NordigenClient({ secretId: env.SECRET_ID, secretKey: env.SECRET_KEY, baseUrl: env.BASE_URL });

  const tokenData = await client.generateToken();
  const token: string = tokenData.access;
  const refreshToken: string = tokenData.refresh;
  const newToken = await client.exchangeToken({ refreshToken: refreshToken });
  client.token = newToken.access;
  const current: string = client.token;

  const institutions = await client.institution.getInstitutions({ country: 'GB' });
  const institutionId: string = institutions[0].id;
  const institution = await client.institution.getInstitutionById(institutionId);

  const init = await client.initSession({
    redirectUrl: 'https://gocardless.com',
    institutionId: institution.id,
    referenceId: randomUUID(),
    maxHistoricalDays: 90,
    accessValidForDays: 90,
    userLanguage: 'EN',
    ssn: '',
    redirectImmediate: false,
    accountSelection: false,
  });
  const link: string = init.link;
  const requisitionId: string = init.id;

  await consent(link);

  const requisitionData = await client.requisition.getRequisitionById(requisitionId);
  const accountId: string = requisitionData.accounts[0];
  const account = client.account(accountId);
  const metadata = await account.getMetadata();
  const balances = await account.getBalances();
  const details = await account.getDetails();
  const transactions = await account.getTransactions();
  await account.getTransactions({ dateFrom: '2021-12-01', dateTo: '2022-01-30', country: '' });

  const agreement = await client.agreement.createAgreement({ institutionId, maxHistoricalDays: 30 });
  await client.agreement.getAgreements({ limit: 10 });
  await client.agreement.getAgreementById(agreement.id);
  await client.agreement.acceptAgreement({ agreementId: agreement.id, ip: '192.0.2.1', userAgent: 'typed-app' });
  await client.agreement.deleteAgreement(agreement.id);
  const requisition = await client.requisition.createRequisition({
    redirectUrl: 'https://gocardless.com',
    institutionId,
    reference: randomUUID(),
    ssn: '',
    redirectImmediate: false,
    accountSelection: false,
  });
  const page = await client.requisition.getRequisitions();
  await client.requisition.deleteRequisition(requisition.id);

  try {
    await client.requisition.getRequisitionById(randomUUID());
  } catch (e: any) {
    if (e.response?.status !== 404) throw e;
    console.log('not found:', e.response.data.summary);
  }

  const headers: string = client.headers['User-Agent'];
  const baseUrl: string = client.baseUrl;
  return [
    token.length > 0,
    current.length > 0,
    metadata.status,
    balances.balances.length,
    details.account.currency,
    transactions.transactions.booked.length,
    page.count,
    headers.length > 0,
    baseUrl,
  ].join(' ');
}
