package io.winnow.ingest.lang;

/**
 * Simplified or Traditional Chinese, decided by counting characters that exist in only one of the
 * two scripts: a table of frequent simplified/traditional pairs (们/們, 这/這, 国/國...). Cheap, and
 * right on any passage long enough to contain a few of the most common words.
 */
public final class ChineseScript {
    private ChineseScript() {}

    // Pairs: simplified form first, traditional second; only characters that differ between the scripts.
    private static final String PAIRS =
            "们們这這个個来來说說时時会會对對国國为為发發后後过過还還么麼没沒东東见見间間问問关關样樣经經学學电電话話"
            + "长長门門开開书書车車马馬实實现現应應网網络絡统統据據码碼输輸设設认認识識运運动動题題让讓种種与與从從两兩"
            + "业業机機进進当當体體点點无無义義乐樂习習买買乱亂亚亞产產亲親众眾优優传傳价價伟偉写寫军軍农農决決况況准準"
            + "几幾击擊则則刚剛创創删刪别別办辦务務势勢区區华華单單卖賣历歷压壓县縣参參双雙变變听聽员員响響图圖场場块塊"
            + "声聲处處备備头頭妈媽宝寶将將尔爾层層岁歲帮幫库庫废廢张張录錄总總恶惡态態战戰执執扩擴护護报報拥擁择擇换換"
            + "损損摄攝数數断斷旧舊显顯术術权權条條极極构構标標检檢欢歡气氣汉漢测測济濟热熱烦煩独獨环環画畫确確离離积積"
            + "称稱笔筆简簡类類级級线線组組细細终終结結给給继繼续續维維编編缩縮联聯脑腦节節范範获獲虽雖复複观觀规規视視"
            + "览覽计計订訂记記讨討许許论論访訪证證评評试試诉訴词詞译譯该該详詳语語误誤请請读讀调調负負责責质質购購资資"
            + "赛賽转轉软軟载載较較边邊达達选選递遞页頁项項顺順须須预預领領频頻风風飞飛验驗";

    private static final java.util.BitSet SIMPLIFIED = new java.util.BitSet(0x10000);
    private static final java.util.BitSet TRADITIONAL = new java.util.BitSet(0x10000);

    static {
        for (int i = 0; i + 1 < PAIRS.length(); i += 2) {
            SIMPLIFIED.set(PAIRS.charAt(i));
            TRADITIONAL.set(PAIRS.charAt(i + 1));
        }
    }

    /** {@code Hans}, {@code Hant}, or null when the text gives no evidence either way. */
    public static String of(CharSequence text) {
        int s = 0;
        int t = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SIMPLIFIED.get(c)) s++;
            else if (TRADITIONAL.get(c)) t++;
        }
        if (s == t) return null;
        return s > t ? "Hans" : "Hant";
    }
}
