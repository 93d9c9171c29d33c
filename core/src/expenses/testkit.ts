/** An unpaid PSPCL electricity bill as a clerk enters it (tests only; dates fit the harness clock, 25/11/2026). */
export const ELECTRICITY_BILL = {
  typeCode: 'ELECTRICITY_BILL',
  vendorName: 'PSPCL',
  vendorMobile: '9876512345',
  amountRupees: 4520,
  billDate: '2026-11-20',
  partyBillDate: '2026-11-18',
  periodFrom: '2026-10-01',
  periodTo: '2026-10-31',
  isPaid: false,
};
