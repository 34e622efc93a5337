package com.ocbridge.messages;

import com.ocbridge.commerceml.CommerceMlException;

/** Why a CommerceML file was refused, in Russian, with the line and column where known. */
final class FileReasons {
  private FileReasons() {}

  static String of(CommerceMlException e) {
    String where = e.line() > 0 ? " (строка " + e.line() + ", позиция " + e.column() + ")" : "";
    return switch (e.reason()) {
      case MALFORMED_XML -> "файл не является корректным XML" + where
          + ": он повреждён или выгружен не полностью";
      case DOCTYPE_NOT_ALLOWED -> "файл содержит объявление DOCTYPE" + where
          + ", которого в CommerceML не бывает; такой файл не принимается из соображений безопасности";
      case ENTITY_NOT_ALLOWED -> "файл содержит ссылку на XML-сущность" + where
          + ", недопустимую в CommerceML; такой файл не принимается из соображений безопасности";
      case LIMIT_EXCEEDED -> "файл превышает ограничения чтения" + where
          + " (глубина вложенности, длина одного значения или тега, размер документа)";
      case UNSUPPORTED_ENCODING -> "кодировка файла не поддерживается" + where
          + ": выгружайте в UTF-8 или windows-1251";
      case NOT_COMMERCEML -> "файл не является документом CommerceML" + where
          + ": корневой элемент должен быть КоммерческаяИнформация";
    };
  }
}
