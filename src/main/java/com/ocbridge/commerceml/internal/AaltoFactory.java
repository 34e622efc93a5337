package com.ocbridge.commerceml.internal;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLInputFactory;

/**
 * The one place aalto parsers are created, configured defensively: no DTD support and no external entities
 * (aalto never resolves them anyway; this states the intent, as Spring's defensive factory does). Parsers are
 * not reusable, but the factory is thread-safe once configured.
 */
public final class AaltoFactory {
  private static final InputFactoryImpl FACTORY = create();

  private AaltoFactory() {
  }

  private static InputFactoryImpl create() {
    InputFactoryImpl f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    return f;
  }

  public static AsyncXMLStreamReader<AsyncByteArrayFeeder> newAsyncReader() {
    return FACTORY.createAsyncForByteArray();
  }
}
