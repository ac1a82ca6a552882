package io.winnow.tokenizer.model;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A proto2 message of scalar fields (TrainerSpec, NormalizerSpec) that remembers which fields were present, so
 * a model read from disk is written back with the same fields, and unknown fields are preserved. Fields are
 * written in field-number order, as the C++ runtime does.
 */
abstract class SpecMessage {
    /** name, kind and proto2 default of one field. */
    record Field(int number, String name, FieldKind kind, Object defaultValue, boolean repeated) {}

    private final Map<Integer, List<Object>> values = new TreeMap<>();
    private final List<byte[]> unknown = new ArrayList<>();

    abstract Map<Integer, Field> schema();

    Field field(String name) {
        for (Field f : schema().values()) if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("no field " + name + " in " + getClass().getSimpleName());
    }

    public boolean has(String name) { return values.containsKey(field(name).number()); }

    /** The value of a field (its default when absent). */
    public Object get(String name) {
        Field f = field(name);
        List<Object> v = values.get(f.number());
        return v == null || v.isEmpty() ? f.defaultValue() : v.get(v.size() - 1);
    }

    public String getString(String name) { return (String) get(name); }
    public int getInt(String name) { return ((Number) get(name)).intValue(); }
    public long getLong(String name) { return ((Number) get(name)).longValue(); }
    public float getFloat(String name) { return ((Number) get(name)).floatValue(); }
    public boolean getBool(String name) { return (Boolean) get(name); }
    public byte[] getBytes(String name) { return (byte[]) get(name); }

    @SuppressWarnings("unchecked")
    public List<String> getStrings(String name) {
        List<Object> v = values.get(field(name).number());
        return v == null ? List.of() : Collections.unmodifiableList((List<String>) (List<?>) v);
    }

    /** Sets a singular field (marks it present). The value must match the field's kind. */
    public SpecMessage set(String name, Object value) {
        Field f = field(name);
        Object v = switch (f.kind()) {
            case STRING -> (String) value;
            case BYTES -> (byte[]) value;
            case INT32, ENUM -> ((Number) value).intValue();
            case UINT64 -> ((Number) value).longValue();
            case FLOAT -> ((Number) value).floatValue();
            case BOOL -> (Boolean) value;
        };
        List<Object> l = new ArrayList<>(1);
        l.add(v);
        values.put(f.number(), l);
        return this;
    }

    public SpecMessage setStrings(String name, List<String> list) {
        Field f = field(name);
        if (list.isEmpty()) values.remove(f.number());
        else values.put(f.number(), new ArrayList<>(list));
        return this;
    }

    public void clear(String name) { values.remove(field(name).number()); }

    /** Marks every singular field present with its current value (what the spm_train CLI writes). */
    public void setAllScalars() {
        for (Field f : schema().values()) {
            if (!f.repeated() && !values.containsKey(f.number()) && f.defaultValue() != null) {
                set(f.name(), f.defaultValue());
            }
        }
    }

    void write(CodedOutputStream out) throws IOException {
        for (var e : values.entrySet()) {
            Field f = schema().get(e.getKey());
            for (Object v : e.getValue()) {
                int n = f.number();
                switch (f.kind()) {
                    case STRING -> out.writeString(n, (String) v);
                    case BYTES -> out.writeByteArray(n, (byte[]) v);
                    case INT32 -> out.writeInt32(n, (Integer) v);
                    case ENUM -> out.writeEnum(n, (Integer) v);
                    case UINT64 -> out.writeUInt64(n, (Long) v);
                    case FLOAT -> out.writeFloat(n, (Float) v);
                    case BOOL -> out.writeBool(n, (Boolean) v);
                }
            }
        }
        for (byte[] raw : unknown) out.writeRawBytes(raw);
    }

    int serializedSize() throws IOException {
        var buf = new java.io.ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        write(out);
        out.flush();
        return buf.size();
    }

    byte[] toBytes() throws IOException {
        var buf = new java.io.ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        write(out);
        out.flush();
        return buf.toByteArray();
    }

    void read(CodedInputStream in) throws IOException {
        while (true) {
            int tag = in.readTag();
            if (tag == 0) return;
            int number = WireFormat.getTagFieldNumber(tag);
            Field f = schema().get(number);
            int wire = WireFormat.getTagWireType(tag);
            if (f == null || wire != expectedWireType(f.kind())) {
                var buf = new java.io.ByteArrayOutputStream();
                CodedOutputStream copy = CodedOutputStream.newInstance(buf);
                in.skipField(tag, copy);
                copy.flush();
                unknown.add(buf.toByteArray());
                continue;
            }
            Object v = switch (f.kind()) {
                case STRING -> in.readString();
                case BYTES -> in.readByteArray();
                case INT32 -> in.readInt32();
                case ENUM -> in.readEnum();
                case UINT64 -> in.readUInt64();
                case FLOAT -> in.readFloat();
                case BOOL -> in.readBool();
            };
            if (f.repeated()) values.computeIfAbsent(number, k -> new ArrayList<>()).add(v);
            else set(f.name(), v);
        }
    }

    private static int expectedWireType(FieldKind k) {
        return switch (k) {
            case STRING, BYTES -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
            case FLOAT -> WireFormat.WIRETYPE_FIXED32;
            default -> WireFormat.WIRETYPE_VARINT;
        };
    }

    static Map<Integer, Field> table(Field... fields) {
        Map<Integer, Field> m = new TreeMap<>();
        for (Field f : fields) m.put(f.number(), f);
        return Collections.unmodifiableMap(m);
    }

    static Field f(int n, String name, FieldKind k, Object def) { return new Field(n, name, k, def, false); }

    static Field rep(int n, String name) { return new Field(n, name, FieldKind.STRING, null, true); }
}
