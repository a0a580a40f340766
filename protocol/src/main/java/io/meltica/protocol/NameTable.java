package io.meltica.protocol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Names interned to ids 1..n in the order given; immutable, so safe to share between threads. */
final class NameTable {
  private final String what;
  private final Map<String, Integer> idsByName;
  private final String[] namesById;

  NameTable(String what, List<String> names) {
    this.what = what;
    this.idsByName = new HashMap<>(names.size() * 2);
    this.namesById = new String[names.size() + 1];
    for (String name : names) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(what + " name must not be blank: " + names);
      }
      int id = idsByName.size() + 1;
      if (idsByName.putIfAbsent(name, id) != null) {
        throw new IllegalArgumentException("duplicate " + what + " '" + name + "'");
      }
      namesById[id] = name;
    }
  }

  int idOf(String name) {
    Integer id = idsByName.get(name);
    if (id == null) {
      throw new IllegalArgumentException(
          "unknown " + what + " '" + name + "'; known: " + Arrays.toString(names()));
    }
    return id;
  }

  boolean contains(String name) {
    return idsByName.containsKey(name);
  }

  String nameOf(int id) {
    if (id <= 0 || id >= namesById.length) {
      throw new IllegalArgumentException(
          "unknown " + what + " id " + id + "; ids run from 1 to " + (namesById.length - 1));
    }
    return namesById[id];
  }

  int size() {
    return namesById.length - 1;
  }

  String[] names() {
    return Arrays.copyOfRange(namesById, 1, namesById.length);
  }
}
