/** The money functions other services call inside their own SQLite transaction. */
export { ledgerBalances } from './balances';
export { recordCreditNote, recordRefund, reverseMoneyTransaction } from './corrections';
export type { CreditNoteInput, RefundInput, ReversedTransaction, ReverseInput } from './corrections';
export { customerPosition, type CustomerPosition, type RecordOptions } from './guards';
export { recordPayment, type PaymentInput } from './payments';
export { recordSale, type RecordedSale, type SaleInput } from './sales';
export { customerStatement } from './statement';
export { recordDeduct, recordDeposit, recordTopUp, recordUpstreamAdjustment } from './upstream-money';
export type { DeductInput, DepositInput, TopUpInput, UpstreamAdjustmentInput } from './upstream-money';
export { createMoneyService, type MoneyService } from './money-service';
