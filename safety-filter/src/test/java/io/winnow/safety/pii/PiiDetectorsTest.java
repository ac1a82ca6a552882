package io.winnow.safety.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each detector on the shapes it must find and on look-alikes it must leave alone. */
class PiiDetectorsTest {
    static final PiiRedactor ALL = PiiRedactor.all();

    static List<String> found(String text, PiiKind kind) {
        List<String> out = new ArrayList<>();
        for (Span s : ALL.find(text)) if (s.kind() == kind) out.add(text.substring(s.start(), s.end()));
        return out;
    }

    static void assertFinds(String text, PiiKind kind, String... expected) {
        assertEquals(List.of(expected), found(text, kind), text);
    }

    @Test
    void emails() {
        assertFinds("Write to john.smith+news@mail.example.co.uk, or 张三 <zhang_san@163.com>。", PiiKind.EMAIL,
                "john.smith+news@mail.example.co.uk", "zhang_san@163.com");
        assertFinds("联系邮箱：service@company.cn；谢谢", PiiKind.EMAIL, "service@company.cn");
        assertFinds("(mailto:jm@jmason.org).", PiiKind.EMAIL, "jm@jmason.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logo@2x.png", "icon@3x.webp", "user@localhost", "@mention and @ replies", "a@b",
            "name@domain.", "x@-bad.com", "first..last@example.com is not valid"})
    void notEmails(String text) {
        assertEquals(List.of(), found(text, PiiKind.EMAIL), text);
    }

    @Test
    void phones() {
        assertFinds("手机：13800138000，备用 138-0013-8000 或 +86 139 1234 5678", PiiKind.PHONE,
                "13800138000", "138-0013-8000", "+86 139 1234 5678");
        assertFinds("电话 010-62751234，传真(010) 6275 1234，深圳 0755-86013388，上海 021-61234567转8001。", PiiKind.PHONE,
                "010-62751234", "(010) 6275 1234", "0755-86013388", "021-61234567转8001");
        assertFinds("Call (415) 555-2671 or 415.555.2671, toll free 1-800-555-0199, +1 212 555 0143.", PiiKind.PHONE,
                "(415) 555-2671", "415.555.2671", "1-800-555-0199", "+1 212 555 0143");
        assertFinds("London +44 20 7946 0958, Berlin +49 30 901820, Paris +33 1 42 68 53 00, Tokyo +81 3-3224-5000", PiiKind.PHONE,
                "+44 20 7946 0958", "+49 30 901820", "+33 1 42 68 53 00", "+81 3-3224-5000");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // dates and times
            "2023-10-05", "on 2023.10.05 at 12:30:45", "05/10/2023", "2023年10月5日", "20231005", "1999-12-31 23:59:59.999",
            "10:30 AM", "2023-10-05T12:30:45Z",
            // versions
            "Python 3.11.4", "OpenSSL 1.1.1w", "version 1.2.3.4", "node v18.17.1", "GCC 12.2.0-14",
            // ISBNs
            "ISBN 978-3-16-148410-0", "ISBN 0-306-40615-2", "ISBN-10: 0-596-52068-9", "ISBN 7-302-12260-6",
            // hex constants, hashes, numbers
            "0xDEADBEEF", "mask 0x7fffffff", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "pi = 3.14159265358979", "1700000000000 ms", "1,234,567,890", "order 1234567890", "id 20230105123456",
            "tel-like 12345678901", "x +1 2", "page 212-555",
            "Modeline \"800x600\" 36 800 824 896 1024 600 601 603", "8 16 32 64 128 256 512 1024 2048", "range -2147483648 to +2147483647",
            "Mem: #               538 538 1075 free", "sysctl -w kernel.shmmax=17179869184"})
    void notPhones(String text) {
        assertEquals(List.of(), ALL.find(text), text);
    }

    @Test
    void publicIpAddresses() {
        assertFinds("Received: from mail.example.com ([64.233.160.19]) by mx; client 8.8.8.8.", PiiKind.IP, "64.233.160.19", "8.8.8.8");
        assertFinds("IP地址：203.208.60.1，IPv6 2400:cb00:2048:1::c629:d7a2 和 2001:4860:4860::8888。", PiiKind.IP,
                "203.208.60.1", "2400:cb00:2048:1::c629:d7a2", "2001:4860:4860::8888");
        assertFinds("2a00:1450:4001:82b::200e is global unicast", PiiKind.IP, "2a00:1450:4001:82b::200e");
        assertFinds("DNS: 8.8.4.4, http://1.1.1.1/ and Received: from x ([4.3.2.1])", PiiKind.IP, "8.8.4.4", "4.3.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // private, loopback, link-local, shared, documentation, benchmarking, multicast, reserved
            "192.168.1.1", "10.0.0.1", "172.16.0.1", "172.31.255.254", "127.0.0.1", "169.254.1.1", "100.64.0.1",
            "0.0.0.0", "255.255.255.0", "255.255.255.255", "224.0.0.251", "239.255.255.250", "240.0.0.1",
            "192.0.2.1", "198.51.100.7", "203.0.113.5", "198.18.0.1",
            "::1", "fe80::1ff:fe23:4567:890a", "ff02::1", "fc00::1", "fd12:3456:789a:1::1", "2001:db8::1", "::",
            // version and section numbers that look like addresses
            "version 1.2.3.4", "Linux 2.6.32.1", "kernel 4.19.0.1", "see section 3.2.1.4", "§ 12.3.4.5", "版本 5.1.2.3",
            "OID 1.3.6.1.4.1.311", "1.2.3.4.5", "v10.4.1.2", "Gecko/20061204 Firefox/2.0.0.1", "rv:1.8.1.1",
            "xlC.C 3.1.4.10 or 5.0.2.9", "bos.rte 4.3.3.75 COMMITTED", "route add -net 192.56.76.0", "130.155.160.255",
            // times, MAC addresses, C++ scopes, leading zeros
            "12:30:45", "00:1a:2b:3c:4d:5e", "std::vector<int>::iterator", "010.001.002.003", "deadbeef:cafe"})
    void notPublicIps(String text) {
        assertEquals(List.of(), found(text, PiiKind.IP), text);
    }

    @Test
    void chineseIdNumbersWithCheckCharacter() {
        // GB 11643-1999's own example number
        assertTrue(ChineseIdDetector.valid("11010519491231002X"));
        assertFinds("身份证号：11010519491231002X，请核对。", PiiKind.CN_ID, "11010519491231002X");
        assertFinds("id 11010519491231002x.", PiiKind.CN_ID, "11010519491231002x");
        String body = "44030819990101123";
        String id = body + ChineseIdDetector.checkChar(body);
        assertFinds("公民身份号码" + id, PiiKind.CN_ID, id);
        char wrong = id.charAt(17) == '0' ? '1' : '0';
        assertEquals(List.of(), found("公民身份号码" + body + wrong, PiiKind.CN_ID), "a wrong check character");
        String month13 = "11010519491331002";
        assertEquals(List.of(), found(month13 + ChineseIdDetector.checkChar(month13), PiiKind.CN_ID), "no month 13");
        String feb30 = "11010520000230001";
        assertEquals(List.of(), found(feb30 + ChineseIdDetector.checkChar(feb30), PiiKind.CN_ID), "no 30 February");
        String future = "11010520990101001";
        assertEquals(List.of(), found(future + ChineseIdDetector.checkChar(future), PiiKind.CN_ID), "not born yet");
        assertEquals(List.of(), found("911010519491231002X", PiiKind.CN_ID), "part of a longer number");
    }

    @Test
    void paymentCardsWithLuhnAndIssuer() {
        // the networks' published test numbers
        for (String n : List.of("4111 1111 1111 1111", "4012888888881881", "5555-5555-5555-4444", "5105105105105100",
                "2223003122003222", "3782 822463 10005", "371449635398431", "6011111111111117", "3530111333300000",
                "30569309025904", "6200000000000005")) {
            assertFinds("card: " + n + ".", PiiKind.PAYMENT_CARD, n);
        }
        assertFalse(PaymentCardDetector.luhn("4111111111111112"));
        for (String n : List.of("4111111111111112", "1234567890123452", "4111-1111 1111-1111", "411 1111 1111 1111 1",
                "9780306406157", "ISBN 978-0-306-40615-7", "0000000000000000", "20231005123456789")) {
            assertEquals(List.of(), found(n, PiiKind.PAYMENT_CARD), n);
        }
    }

    @Test
    void overlapsResolveAndPlaceholdersAreConfigurable() {
        PiiRedactor.Result r = ALL.redact("Mail a@example.com, call +86 138 0013 8000, from 8.8.4.4, card 4111111111111111.");
        assertEquals("Mail [EMAIL], call [PHONE], from [IP_ADDRESS], card [CARD_NUMBER].", r.text());
        assertEquals(1, r.count(PiiKind.PHONE), "the mobile number inside the international one counts once");
        PiiRedactor custom = new PiiRedactor(List.of(new EmailDetector()), Map.of(PiiKind.EMAIL, "|||EMAIL_ADDRESS|||"));
        assertEquals("to |||EMAIL_ADDRESS||| now", custom.redact("to x.y@example.org now").text());
        assertEquals("nothing here", ALL.redact("nothing here").text());
    }
}
