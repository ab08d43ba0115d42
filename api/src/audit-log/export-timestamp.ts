import { digits, pad } from './export-value-bytes';

const QUOTE = 0x22;
const US_PER_DAY = 86_400_000_000;
/** Days from 1970-01-01 to 2000-01-01, Postgres' epoch. */
const PG_EPOCH_DAYS = 10_957;

/**
 * A timestamptz (int8 µs since 2000-01-01 UTC) as `to_char(occurred_at AT TIME ZONE 'UTC',
 * 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` writes it (milliseconds truncated; years before 1 AD as
 * to_char's `YYYY` shows them). An export's rows are in seq order, so mostly of one day at a
 * time: the date's bytes are kept for the next row of the same day.
 */
export class TimestampText {
  private day = NaN;
  private readonly date = new DataView(new ArrayBuffer(32));
  private dateLength = 0;

  /**
   * Writes the value at `s` of `d` into `out` from `u` (in quotes when `quote`) and returns
   * the new end; `infinity` is NULL there: returns -1, and writes nothing.
   */
  write(d: DataView, s: number, out: DataView, u: number, quote: boolean): number {
    const high = d.getInt32(s);
    const low = d.getUint32(s + 4);
    if ((high === 0x7fffffff && low === 0xffffffff) || (high === -0x80000000 && low === 0)) {
      return -1;
    }
    let days: number;
    let microsOfDay: number;
    if (high >= -0x200000 && high < 0x200000) {
      const micros = high * 4294967296 + low;
      days = Math.floor(micros / US_PER_DAY);
      microsOfDay = micros - days * US_PER_DAY;
      if (microsOfDay < 0) {
        days -= 1;
        microsOfDay += US_PER_DAY;
      } else if (microsOfDay >= US_PER_DAY) {
        days += 1;
        microsOfDay -= US_PER_DAY;
      }
    } else {
      // Beyond ±285 years of 2000: exact in BigInt.
      const micros = (BigInt(high) << 32n) | BigInt(low);
      const perDay = BigInt(US_PER_DAY);
      let whole = micros / perDay;
      if (micros % perDay < 0n) whole -= 1n;
      days = Number(whole);
      microsOfDay = Number(micros - whole * perDay);
    }
    if (days !== this.day) this.setDate(days);
    if (quote) out.setUint8(u++, QUOTE);
    const date = this.date;
    for (let i = 0; i < this.dateLength; i += 1) out.setUint8(u + i, date.getUint8(i));
    u += this.dateLength;
    const ms = Math.floor(microsOfDay / 1000);
    const seconds = Math.floor(ms / 1000);
    const minutes = Math.floor(seconds / 60);
    u = pad(Math.floor(minutes / 60), 2, out, u);
    out.setUint8(u++, 0x3a); // :
    u = pad(minutes % 60, 2, out, u);
    out.setUint8(u++, 0x3a);
    u = pad(seconds % 60, 2, out, u);
    out.setUint8(u++, 0x2e); // .
    u = pad(ms % 1000, 3, out, u);
    out.setUint8(u++, 0x5a); // Z
    if (quote) out.setUint8(u++, QUOTE);
    return u;
  }

  /** `YYYY-MM-DDT` of days since 2000-01-01 (H. Hinnant's civil_from_days). */
  private setDate(days: number): void {
    const z = days + PG_EPOCH_DAYS + 719_468;
    const era = Math.floor(z / 146_097);
    const dayOfEra = z - era * 146_097;
    const yearOfEra = Math.floor(
      (dayOfEra -
        Math.floor(dayOfEra / 1460) +
        Math.floor(dayOfEra / 36_524) -
        Math.floor(dayOfEra / 146_096)) /
        365,
    );
    const dayOfYear =
      dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const mp = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year <= 0) year = 1 - year; // to_char's YYYY for BC years
    const date = this.date;
    let u = year > 9999 ? digits(year, date, 0) : pad(year, 4, date, 0);
    date.setUint8(u++, 0x2d); // -
    u = pad(month, 2, date, u);
    date.setUint8(u++, 0x2d);
    u = pad(day, 2, date, u);
    date.setUint8(u++, 0x54); // T
    this.dateLength = u;
    this.day = days;
  }
}
