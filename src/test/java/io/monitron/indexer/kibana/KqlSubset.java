package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of KQL our saved objects may use, parsed strictly and translated to Elasticsearch query DSL the way
 * Kibana translates it, so a test can run exactly the query a saved search or Lens layer stands for.
 *
 * <p>Supported: {@code field: value}, {@code field: "quoted value"}, {@code field: (a or b)}, {@code field: *},
 * {@code not}, {@code and}, {@code or} (case-insensitive, {@code not} binds tightest, then {@code and}), parentheses,
 * and the empty query (match all). Everything else (wildcards in values, ranges, nested {@code {}}, field-less
 * terms, implicit conjunction) is rejected with {@link UnsupportedKqlException}, which keeps the saved objects inside
 * what this class executes faithfully.
 */
public final class KqlSubset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KqlSubset() {}

    /** A parsed query. */
    public sealed interface Node {}

    /** {@code field: value} (bare) or {@code field: "value"} (quoted: a phrase). */
    public record Match(String field, String value, boolean quoted) implements Node {}

    /** {@code field: *}. */
    public record Exists(String field) implements Node {}

    public record And(List<Node> operands) implements Node {}

    public record Or(List<Node> operands) implements Node {}

    public record Not(Node operand) implements Node {}

    /** The empty query. */
    public record MatchAll() implements Node {}

    /** The query uses KQL outside the subset, or is not valid KQL. */
    public static final class UnsupportedKqlException extends IllegalArgumentException {
        UnsupportedKqlException(String kql, int position, String problem) {
            super(problem + " at position " + position + " in KQL [" + kql + "]");
        }
    }

    public static Node parse(String kql) {
        return new Parser(kql).parseQuery();
    }

    /** The Elasticsearch query DSL Kibana would send for this KQL. */
    public static ObjectNode toQueryDsl(String kql) {
        return toQueryDsl(parse(kql));
    }

    public static ObjectNode toQueryDsl(Node node) {
        ObjectNode query = JSON.createObjectNode();
        if (node instanceof MatchAll) {
            query.putObject("match_all");
        } else if (node instanceof Exists exists) {
            query.putObject("exists").put("field", exists.field());
        } else if (node instanceof Match match) {
            query.putObject(match.quoted() ? "match_phrase" : "match").put(match.field(), match.value());
        } else if (node instanceof And and) {
            addAll(query.putObject("bool").putArray("filter"), and.operands());
        } else if (node instanceof Or or) {
            ObjectNode bool = query.putObject("bool");
            addAll(bool.putArray("should"), or.operands());
            bool.put("minimum_should_match", 1);
        } else if (node instanceof Not not) {
            query.putObject("bool").putArray("must_not").add(toQueryDsl(not.operand()));
        }
        return query;
    }

    /** Every field the query names, in order of appearance. */
    public static Set<String> fields(String kql) {
        Set<String> fields = new LinkedHashSet<>();
        collectFields(parse(kql), fields);
        return fields;
    }

    private static void collectFields(Node node, Set<String> fields) {
        if (node instanceof Exists exists) {
            fields.add(exists.field());
        } else if (node instanceof Match match) {
            fields.add(match.field());
        } else if (node instanceof And and) {
            and.operands().forEach(operand -> collectFields(operand, fields));
        } else if (node instanceof Or or) {
            or.operands().forEach(operand -> collectFields(operand, fields));
        } else if (node instanceof Not not) {
            collectFields(not.operand(), fields);
        }
    }

    private static void addAll(ArrayNode target, List<Node> operands) {
        operands.forEach(operand -> target.add(toQueryDsl(operand)));
    }

    private enum Kind {
        LPAREN,
        RPAREN,
        COLON,
        QUOTED,
        WORD,
        END
    }

    private record Token(Kind kind, String text, int position) {
        boolean isKeyword(String keyword) {
            return kind == Kind.WORD && text.toLowerCase(Locale.ROOT).equals(keyword);
        }
    }

    /** Recursive descent over a token list; one instance per parse. */
    private static final class Parser {
        private final String kql;
        private final List<Token> tokens;
        private int next;

        Parser(String kql) {
            this.kql = kql;
            this.tokens = tokenize(kql);
        }

        Node parseQuery() {
            if (peek().kind() == Kind.END) {
                return new MatchAll();
            }
            Node node = parseOr();
            expect(Kind.END, "expected 'and', 'or' or the end of the query");
            return node;
        }

        private Node parseOr() {
            List<Node> operands = new ArrayList<>(List.of(parseAnd()));
            while (peek().isKeyword("or")) {
                next++;
                operands.add(parseAnd());
            }
            return operands.size() == 1 ? operands.get(0) : new Or(List.copyOf(operands));
        }

        private Node parseAnd() {
            List<Node> operands = new ArrayList<>(List.of(parseNot()));
            while (peek().isKeyword("and")) {
                next++;
                operands.add(parseNot());
            }
            return operands.size() == 1 ? operands.get(0) : new And(List.copyOf(operands));
        }

        private Node parseNot() {
            if (peek().isKeyword("not")) {
                next++;
                return new Not(parseNot());
            }
            if (peek().kind() == Kind.LPAREN) {
                next++;
                Node inner = parseOr();
                expect(Kind.RPAREN, "expected ')'");
                return inner;
            }
            return parseFieldExpression();
        }

        private Node parseFieldExpression() {
            Token field = expect(Kind.WORD, "expected a field name");
            if (isKeyword(field) || !field.text().matches("[A-Za-z0-9_@][A-Za-z0-9_@.]*")) {
                throw unsupported(field, "'" + field.text() + "' is not a plain field name");
            }
            expect(
                    Kind.COLON,
                    "expected ':' after field " + field.text() + " (field-less terms are not in the subset)");
            Token value = peek();
            if (value.kind() == Kind.WORD && value.text().equals("*")) {
                next++;
                return new Exists(field.text());
            }
            if (value.kind() == Kind.LPAREN) {
                next++;
                List<Node> alternatives = new ArrayList<>(List.of(parseValue(field.text())));
                while (peek().isKeyword("or")) {
                    next++;
                    alternatives.add(parseValue(field.text()));
                }
                expect(Kind.RPAREN, "expected 'or' or ')' in the value list of " + field.text());
                return alternatives.size() == 1 ? alternatives.get(0) : new Or(List.copyOf(alternatives));
            }
            return parseValue(field.text());
        }

        private Node parseValue(String field) {
            Token value = peek();
            if (value.kind() == Kind.QUOTED) {
                next++;
                return new Match(field, value.text(), true);
            }
            if (value.kind() == Kind.WORD && !isKeyword(value)) {
                if (value.text().contains("*")) {
                    throw unsupported(value, "wildcards in values are not in the subset");
                }
                if (value.text().matches("[<>=].*")) {
                    throw unsupported(value, "range queries are not in the subset");
                }
                next++;
                return new Match(field, value.text(), false);
            }
            throw unsupported(value, "expected a value for " + field);
        }

        private boolean isKeyword(Token token) {
            return token.isKeyword("and") || token.isKeyword("or") || token.isKeyword("not");
        }

        private Token peek() {
            return tokens.get(next);
        }

        private Token expect(Kind kind, String problem) {
            Token token = peek();
            if (token.kind() != kind) {
                throw unsupported(token, problem);
            }
            next++;
            return token;
        }

        private UnsupportedKqlException unsupported(Token token, String problem) {
            return new UnsupportedKqlException(kql, token.position(), problem);
        }

        private List<Token> tokenize(String text) {
            List<Token> result = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')' || c == ':') {
                    result.add(new Token(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COLON, "" + c, i));
                    i++;
                } else if (c == '"') {
                    int start = i++;
                    StringBuilder value = new StringBuilder();
                    while (i < text.length() && text.charAt(i) != '"') {
                        if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                            i++;
                        }
                        value.append(text.charAt(i++));
                    }
                    if (i >= text.length()) {
                        throw new UnsupportedKqlException(text, start, "unterminated quoted value");
                    }
                    i++;
                    result.add(new Token(Kind.QUOTED, value.toString(), start));
                } else if ("{}\\".indexOf(c) >= 0) {
                    throw new UnsupportedKqlException(
                            text, i, "'" + c + "' (nested or escaped KQL) is not in the subset");
                } else {
                    int start = i;
                    while (i < text.length()
                            && !Character.isWhitespace(text.charAt(i))
                            && "():\"{}\\".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    result.add(new Token(Kind.WORD, text.substring(start, i), start));
                }
            }
            result.add(new Token(Kind.END, "", text.length()));
            return result;
        }
    }
}
