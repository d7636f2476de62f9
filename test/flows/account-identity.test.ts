/** accountIdentity by table: IBAN, else BBAN, else masked PAN with currency, else owner with product and currency. */
import { accountIdentity } from '../../src/index';
import { identityCandidates } from '../../src/flows/account-identity';

describe('accountIdentity', () => {
  it.each([
    [
      'the IBAN, spaces removed and upper-cased',
      { iban: 'gb33 bukb 2020 1555 5555 55', bban: 'BUKB20201555555555', currency: 'GBP' },
      'iban:GB33BUKB20201555555555',
    ],
    ['the BBAN when there is no IBAN', { bban: '5007 0010 1234', currency: 'EUR', ownerName: 'Ann' }, 'bban:500700101234'],
    ['the masked PAN with currency when neither', { maskedPan: '123456xxxxxx1234', currency: 'eur', ownerName: 'Ann' }, 'maskedPan:123456XXXXXX1234:EUR'],
    [
      'the owner with product and currency, compared without case or extra spaces',
      { ownerName: '  Ann   Smith ', product: 'Credit  Card', currency: 'EUR' },
      'ownerName:ann smith|credit card|EUR',
    ],
    ['a blank IBAN is no IBAN', { iban: '  ', bban: 'ABC' }, 'bban:ABC'],
  ])('%s', (_name, account, identity) => {
    expect(accountIdentity({ account })).toBe(identity);
    // The details' `account` or the details themselves give the same identity.
    expect(accountIdentity(account)).toBe(identity);
  });

  it('is the same for the same account under another resource id', () => {
    const details = { resourceId: 'a', iban: 'DE89370400440532013000', currency: 'EUR', ownerName: 'Ann' };
    expect(accountIdentity({ ...details, resourceId: 'b' })).toBe(accountIdentity(details));
  });

  it('lists every identity the details allow, most specific first', () => {
    expect(identityCandidates({ iban: 'DE89370400440532013000', bban: '370400440532013000', ownerName: 'Ann', currency: 'EUR' }).map((c) => c.by)).toEqual([
      'iban',
      'bban',
      'ownerName',
    ]);
  });

  it('refuses details with nothing to identify the account by', () => {
    expect(() => accountIdentity({ account: { currency: 'EUR' } })).toThrow(/accountIdentity: the details carry no iban, bban, maskedPan or ownerName/);
    expect(() => accountIdentity(null as never)).toThrow(/accountIdentity: details must be/);
  });
});
