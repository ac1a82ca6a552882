package io.winnow.train.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of Megatron-LM's pretrain_gpt.py as its argparse parser defines them, dumped from the parser itself by
 * tools/megatron_args_spec.py (commit named in the file), and argparse's rules for checking a command line against
 * them: the flag exists, a flag without a value takes none, a single-value option takes exactly one, nargs '*'/'+'
 * take any/at least one, int/float values parse, and a value is among the choices when there are choices.
 */
final class MegatronOptions {
    record Option(List<String> flags, String action, Object nargs, String type, List<String> choices) {}

    final String commit;
    final Map<String, Option> byFlag = new HashMap<>();

    MegatronOptions() throws Exception {
        try (InputStream in = MegatronOptions.class.getResourceAsStream("/megatron/pretrain_gpt-options.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            commit = root.path("commit").asText();
            for (JsonNode o : root.path("options")) {
                List<String> flags = new ArrayList<>();
                o.path("flags").forEach(f -> flags.add(f.asText()));
                List<String> choices = null;
                if (o.path("choices").isArray()) {
                    choices = new ArrayList<>();
                    for (JsonNode c : o.path("choices")) choices.add(c.asText());
                }
                JsonNode n = o.path("nargs");
                Object nargs = n.isNull() ? null : n.isInt() ? (Object) n.asInt() : n.asText();
                Option opt = new Option(flags, o.path("action").asText(), nargs, o.path("type").isNull() ? null : o.path("type").asText(), choices);
                for (String f : flags) byFlag.put(f, opt);
            }
        }
    }

    /** Problems of a pretrain_gpt.py command line (empty when argparse would accept it). */
    List<String> check(List<String> args) {
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String flag = args.get(i++);
            Option o = byFlag.get(flag);
            if (o == null) {
                problems.add(flag + ": not an option of pretrain_gpt.py");
                while (i < args.size() && !args.get(i).startsWith("--")) i++;
                continue;
            }
            List<String> values = new ArrayList<>();
            while (i < args.size() && !args.get(i).startsWith("--")) values.add(args.get(i++));
            boolean flagOnly = o.action().startsWith("storetrue") || o.action().startsWith("storefalse") || o.action().startsWith("storeconst")
                    || Integer.valueOf(0).equals(o.nargs());
            if (flagOnly) {
                if (!values.isEmpty()) problems.add(flag + " takes no value, got " + values);
                continue;
            }
            if (o.nargs() == null && values.size() != 1) problems.add(flag + " takes one value, got " + values);
            if ("+".equals(o.nargs()) && values.isEmpty()) problems.add(flag + " takes at least one value");
            if (o.nargs() instanceof Integer k && values.size() != k) problems.add(flag + " takes " + k + " values, got " + values);
            for (String v : values) {
                if ("int".equals(o.type())) {
                    try {
                        Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        problems.add(flag + ": '" + v + "' is not an int");
                    }
                } else if ("float".equals(o.type())) {
                    try {
                        Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        problems.add(flag + ": '" + v + "' is not a float");
                    }
                }
                if (o.choices() != null && !o.choices().contains(v)) problems.add(flag + ": '" + v + "' is not one of " + o.choices());
            }
        }
        return problems;
    }
}
