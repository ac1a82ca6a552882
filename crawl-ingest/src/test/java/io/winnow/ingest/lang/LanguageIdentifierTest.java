package io.winnow.ingest.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.Corpora;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private final LanguageIdentifier id = LanguageIdentifier.get();

    @Test
    void cjkLanguagesAndChineseScripts() {
        assertEquals("zh", id.identify("我们在北京大学学习自然语言处理，这个国家的历史很长。").lang());
        assertEquals("Hans", id.identify("我们在北京大学学习自然语言处理，这个国家的历史很长。").script());
        assertEquals("Hant", id.identify("我們在北京大學學習自然語言處理，這個國家的歷史很長。").script());
        assertEquals("ja", id.identify("東京都に住んでいます。毎日電車で会社に通っています。").lang());
        assertEquals("ko", id.identify("서울에 살고 있습니다. 매일 지하철로 회사에 다닙니다.").lang());
        LanguageIdentifier.Result mixed = id.identify("使用 apt-get install 命令安装软件包，然后用 dpkg -l 查看已经安装的软件包列表和版本。");
        assertEquals("zh", mixed.lang());
        assertTrue(mixed.score() >= 0.65, "score " + mixed.score());
        assertEquals("und", id.identify("hello").lang());
    }

    @Test
    void realManPagesAndManualsAreIdentified() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, int[]> acc = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(Corpora.file("jsonl/manpages_zh.jsonl"))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null && n < 400) {
                JsonNode j = m.readTree(line);
                String text = j.get("text").asText();
                LanguageIdentifier.Scripts s = LanguageIdentifier.Scripts.count(text);
                if (s.cjkShare() < 0.7) continue; // mostly untranslated or code: ambiguous
                n++;
                String expect = j.get("locale").asText().equals("zh_TW") ? "Hant" : "Hans";
                LanguageIdentifier.Result res = id.identify(text.length() > 10_000 ? text.substring(0, 10_000) : text);
                int[] v = acc.computeIfAbsent(expect, k -> new int[2]);
                v[1]++;
                if (res.lang().equals("zh") && expect.equals(res.script())) v[0]++;
            }
        }
        for (Map.Entry<String, int[]> e : acc.entrySet()) {
            double accuracy = (double) e.getValue()[0] / e.getValue()[1];
            assertTrue(e.getValue()[1] >= 50, e.getKey() + ": " + e.getValue()[1] + " pages");
            assertTrue(accuracy >= 0.98, e.getKey() + " accuracy " + accuracy);
        }
    }
}
