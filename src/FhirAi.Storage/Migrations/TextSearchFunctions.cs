using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// PostgreSQL's <c>fhirai_content_matches(json, query)</c> for <c>_content</c> (SQLite registers the same function from C#,
/// Search.TextSearchFunction). It folds text as FhirAi.Fhir.Search.TextWords does: NFD, the combining diacritical
/// blocks removed, lower case (plain ASCII text is only lower-cased: <c>normalize</c> is the costly step), words = runs of
/// <c>[:alnum:]</c> (Unicode-aware in a UTF-8 database with a UTF-8 locale such as C.UTF-8). First a cheap test (each query
/// word occurs in the folded JSON text), then the exact one over the string and number values
/// (<c>jsonb_path_query(… 'strict $.**')</c>, markup removed): a query word must follow a non-alphanumeric character or the
/// start. Its declared cost is high so the planner evaluates every cheaper condition of a row first. Nothing changes on SQLite.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261207030000_TextSearchFunctions")]
internal sealed class TextSearchFunctions : Migration
{
    private const string Create = """
        CREATE OR REPLACE FUNCTION fhirai_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
        $fn$
          SELECT CASE WHEN octet_length(t) = char_length(t) THEN lower(t)
                      ELSE lower(regexp_replace(normalize(t, NFD), '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g')) END
        $fn$;

        CREATE OR REPLACE FUNCTION fhirai_content_matches(doc text, query text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000 AS
        $fn$
        DECLARE
          folded text;
          values_text text;
          alternative text[];
          word text;
          found boolean;
        BEGIN
          IF doc IS NULL OR query IS NULL OR query = '' THEN
            RETURN false;
          END IF;
          folded := fhirai_fold(doc);
          FOR alternative IN SELECT string_to_array(a, ' ') FROM unnest(string_to_array(query, ',')) a LOOP
            found := true;
            FOREACH word IN ARRAY alternative LOOP
              IF strpos(folded, word) = 0 THEN
                found := false;
                EXIT;
              END IF;
            END LOOP;
            CONTINUE WHEN NOT found;
            IF values_text IS NULL THEN
              SELECT fhirai_fold(coalesce(string_agg(CASE WHEN strpos(s, '<') > 0 THEN regexp_replace(s, '<[^>]*>', ' ', 'g') ELSE s END, ' '), ''))
                INTO values_text
                FROM (SELECT v #>> '{}' AS s FROM jsonb_path_query(doc::jsonb, 'strict $.**') v WHERE jsonb_typeof(v) IN ('string', 'number')) strings;
            END IF;
            FOREACH word IN ARRAY alternative LOOP
              -- Query words are letters and digits only, so they are safe inside the pattern.
              IF values_text !~ ('(^|[^[:alnum:]])' || word) THEN
                found := false;
                EXIT;
              END IF;
            END LOOP;
            IF found THEN
              RETURN true;
            END IF;
          END LOOP;
          RETURN false;
        END
        $fn$;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql(Create);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS fhirai_content_matches(text, text); DROP FUNCTION IF EXISTS fhirai_fold(text);");
        }
    }
}
