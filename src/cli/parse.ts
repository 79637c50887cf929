// Value parsers for the argument parser: each turns one option's text into its typed value, or
// throws InvalidArgumentError (which commander reports as bad usage, naming the option).
import { InvalidArgumentError } from '@commander-js/extra-typings';

export function integer(min: number, max = 2 ** 31 - 1): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}.`);
    return n;
  };
}

export function decimal(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`must be a number from ${min} to ${max}.`);
    return n;
  };
}

/** A comma-separated list whose items must each be one of `allowed`. */
export function listOf<T extends string | number>(allowed: readonly T[], convert: (item: string) => unknown = (item) => item): (value: string) => T[] {
  return (value) => {
    const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (items.length === 0) throw new InvalidArgumentError(`must list at least one of ${allowed.join(', ')}.`);
    return items.map((item) => {
      const converted = convert(item);
      if (!allowed.includes(converted as T)) throw new InvalidArgumentError(`"${item}" is not one of ${allowed.join(', ')}.`);
      return converted as T;
    });
  };
}

/** One of the names of `values`, turned into its value (commander's own `.choices()` cannot convert). */
export function choice<T>(values: Readonly<Record<string, T>>): (value: string) => T {
  return (value) => {
    if (!Object.hasOwn(values, value)) throw new InvalidArgumentError(`must be one of ${Object.keys(values).join(', ')}.`);
    return values[value] as T;
  };
}

/** A comma-separated list of names, blanks dropped. */
export function names(value: string): string[] {
  return value.split(',').map((name) => name.trim()).filter((name) => name !== '');
}
