// Regenerates src/main/resources/io/winnow/tokenizer/text/unicode9-scripts.txt (the Unicode 9.0 script table
// SentencePiece uses for piece validity) from ICU4J 58.2, the last ICU on Unicode 9.0:
//   mvn dependency:get -Dartifact=com.ibm.icu:icu4j:58.2
//   java -cp ~/.m2/repository/com/ibm/icu/icu4j/58.2/icu4j-58.2.jar tools/ScriptTableGen.java > .../unicode9-scripts.txt
// Output: one "first last script" line (hex code points, ISO 15924 code) per run of a non-Common script.
import com.ibm.icu.lang.UScript;
public class ScriptTableGen {
    public static void main(String[] a) {
        // spm's Unicode 9.0 table lacks these five scripts (they count as Common there).
        int[] common = {UScript.ANATOLIAN_HIEROGLYPHS, UScript.EGYPTIAN_HIEROGLYPHS, UScript.MEROITIC_HIEROGLYPHS,
                        UScript.INSCRIPTIONAL_PAHLAVI, UScript.INSCRIPTIONAL_PARTHIAN, UScript.UNKNOWN};
        int start = 0, cur = -2;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c <= 0x110000; c++) {
            int s = c == 0x110000 ? -3 : UScript.getScript(c);
            for (int x : common) if (s == x) s = UScript.COMMON;
            if (s != cur) {
                if (cur >= 0 && cur != UScript.COMMON) sb.append(Integer.toHexString(start)).append(' ').append(Integer.toHexString(c - 1)).append(' ').append(UScript.getShortName(cur)).append('\n');
                start = c; cur = s;
            }
        }
        System.out.print(sb);
    }
}
