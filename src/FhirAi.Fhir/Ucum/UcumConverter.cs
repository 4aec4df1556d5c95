using System.Globalization;

namespace FhirAi.Fhir.Ucum;

/// <summary>
/// Reduces a UCUM unit expression (case-sensitive codes, e.g. <c>mg/dL</c>, <c>10*9/L</c>, <c>mmol/(24.h)</c>,
/// <c>mL/min/{1.73_m2}</c>) to a factor over base dimensions, following the UCUM grammar: terms joined by
/// <c>.</c> and <c>/</c>, parentheses, integer exponents, integer factors and <c>{annotations}</c> (which count as 1).
/// Only units listed in <see cref="UcumAtoms"/> are known; anything else is "not convertible", never a guess.
/// </summary>
public static class UcumConverter
{
    private const int MaxLength = 128;
    private const int MaxDepth = 8;

    /// <summary>The UCUM code system URI of FHIR quantities.</summary>
    public const string System = "http://unitsofmeasure.org";

    public static bool TryCanonicalize(string? unit, out UcumQuantity quantity)
    {
        quantity = null!;
        if (string.IsNullOrEmpty(unit) || unit.Length > MaxLength || unit.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var parser = new Parser(unit.Replace('µ', 'u').Replace('μ', 'u'));
        if (!parser.TryMainTerm(out var definition) || double.IsInfinity(definition.Factor) || definition.Factor == 0)
        {
            return false;
        }

        quantity = new UcumQuantity(definition.Factor, definition.CanonicalName());
        return true;
    }

    /// <summary>Converts <paramref name="value"/> in <paramref name="unit"/> to its canonical form.</summary>
    public static bool TryConvertToCanonical(decimal value, string? unit, out double canonicalValue, out string canonicalUnit)
    {
        canonicalValue = 0;
        canonicalUnit = string.Empty;
        if (!TryCanonicalize(unit, out var quantity))
        {
            return false;
        }

        canonicalValue = RoundToSignificant((double)value * quantity.Factor);
        canonicalUnit = quantity.Canonical;
        return true;
    }

    /// <summary>
    /// Drops the binary noise of chained factors (0.1 × 0.001 is not exactly 1e-4) so that equal quantities
    /// written in different units land on the same canonical value; 12 digits exceed any lab's precision.
    /// </summary>
    public static double RoundToSignificant(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 11);
        return Math.Round(value / magnitude) * magnitude;
    }

    private sealed class Parser(string text)
    {
        private int position;
        private int depth;

        public bool TryMainTerm(out UnitDefinition definition)
        {
            definition = UnitDefinition.One;
            if (Peek() == '/')
            {
                position++;
                if (!TryTerm(out var divisor))
                {
                    return false;
                }

                definition = UnitDefinition.One.Per(divisor);
            }
            else if (!TryTerm(out definition))
            {
                return false;
            }

            return position == text.Length;
        }

        private bool TryTerm(out UnitDefinition definition)
        {
            if (!TryComponent(out definition))
            {
                return false;
            }

            while (Peek() is '.' or '/')
            {
                var divide = text[position++] == '/';
                if (!TryComponent(out var next))
                {
                    return false;
                }

                definition = divide ? definition.Per(next) : definition.Times(next);
            }

            return true;
        }

        private bool TryComponent(out UnitDefinition definition)
        {
            definition = UnitDefinition.One;
            switch (Peek())
            {
                case '(':
                    if (++depth > MaxDepth)
                    {
                        return false;
                    }

                    position++;
                    if (!TryTerm(out definition) || Peek() != ')')
                    {
                        return false;
                    }

                    position++;
                    depth--;
                    return true;
                case '{':
                    return TrySkipAnnotation();
                case null or '.' or '/' or ')':
                    return false;
            }

            var start = position;
            while (position < text.Length && text[position] is not ('.' or '/' or '(' or ')' or '{'))
            {
                if (text[position] == '[')
                {
                    var close = text.IndexOf(']', position);
                    if (close < 0)
                    {
                        return false;
                    }

                    position = close;
                }

                position++;
            }

            if (!TryAnnotatable(text[start..position], out definition))
            {
                return false;
            }

            return Peek() != '{' || TrySkipAnnotation();
        }

        private bool TrySkipAnnotation()
        {
            var close = text.IndexOf('}', position);
            if (close < 0 || text.AsSpan(position + 1, close - position - 1).ContainsAny('{', '}'))
            {
                return false;
            }

            position = close + 1;
            return true;
        }

        private static bool TryAnnotatable(string symbol, out UnitDefinition definition)
        {
            definition = UnitDefinition.One;
            if (symbol.All(char.IsAsciiDigit))
            {
                // A bare integer is a factor (e.g. the 24 of "mmol/(24.h)").
                if (!int.TryParse(symbol, NumberStyles.None, CultureInfo.InvariantCulture, out var factor) || factor == 0)
                {
                    return false;
                }

                definition = UnitDefinition.One.Scaled(factor);
                return true;
            }

            var exponentStart = symbol.Length;
            while (exponentStart > 0 && char.IsAsciiDigit(symbol[exponentStart - 1]))
            {
                exponentStart--;
            }

            if (exponentStart > 0 && exponentStart < symbol.Length && symbol[exponentStart - 1] is '+' or '-')
            {
                exponentStart--;
            }

            var exponent = 1;
            if (exponentStart < symbol.Length && exponentStart > 0)
            {
                if (!int.TryParse(symbol.AsSpan(exponentStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                    || Math.Abs(exponent) > 24)
                {
                    return false;
                }

                symbol = symbol[..exponentStart];
            }

            if (!TryResolve(symbol, out var unit))
            {
                return false;
            }

            definition = exponent == 1 ? unit : unit.Power(exponent);
            return true;
        }

        private static bool TryResolve(string symbol, out UnitDefinition unit)
        {
            if (UcumAtoms.Units.TryGetValue(symbol, out unit!))
            {
                return true;
            }

            foreach (var (prefix, factor) in UcumAtoms.Prefixes.OrderByDescending(p => p.Key.Length))
            {
                if (symbol.Length > prefix.Length && symbol.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var atom = symbol[prefix.Length..];
                    if (!UcumAtoms.Unprefixable.Contains(atom) && UcumAtoms.Units.TryGetValue(atom, out var prefixed))
                    {
                        unit = prefixed.Scaled(factor);
                        return true;
                    }
                }
            }

            return false;
        }

        private char? Peek() => position < text.Length ? text[position] : null;
    }
}
