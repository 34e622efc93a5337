package com.ocbridge.commerceml.internal;

import com.ocbridge.commerceml.CommerceMlException;

/** The document level: the root element and what it may contain. */
final class RootNodes {
  private RootNodes() {
  }

  /** Above the root element: accepts only {@code КоммерческаяИнформация}. */
  static final class DocumentNode extends Node {
    private final DocState st;
    private final RootNode root;

    DocumentNode(DocState st) {
      this.st = st;
      this.root = new RootNode(st);
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      if (tag != Tag.ROOT) {
        throw new CommerceMlException(CommerceMlException.Reason.NOT_COMMERCEML,
            "Not a CommerceML document: the root element must be <КоммерческаяИнформация>", -1, -1);
      }
      st.schemaVersion = attrs.get("ВерсияСхемы");
      st.generatedAt = Values.dateTime(attrs.get("ДатаФормирования"));
      return root;
    }
  }

  /**
   * {@code <КоммерческаяИнформация>}: any number of classifiers, catalogs, offer packages and documents, in any
   * order (real files ignore the XSD's order).
   */
  static final class RootNode extends Node {
    private final ClassifierNodes.ClassifierNode classifier;
    private final CatalogNodes.CatalogNode catalog;
    private final OfferNodes.PackageNode offers;
    private final OrderNodes.DocumentNode document;
    private final Node container;

    RootNode(DocState st) {
      classifier = new ClassifierNodes.ClassifierNode(st);
      catalog = new CatalogNodes.CatalogNode(st);
      offers = new OfferNodes.PackageNode(st);
      document = new OrderNodes.DocumentNode(st);
      // 3.1: <Контейнер><Документ>…</Документ></Контейнер>
      container = new Node() {
        @Override
        public Node child(Tag tag, Attrs attrs) {
          return tag == Tag.DOCUMENT ? document.start() : SKIP;
        }
      };
    }

    @Override
    public Node child(Tag tag, Attrs attrs) {
      return switch (tag) {
        case CLASSIFIER -> classifier.start(attrs);
        case CATALOG -> catalog.start(attrs);
        case OFFER_PACKAGE, OFFER_PACKAGE_CHANGES -> offers.start(attrs);
        case DOCUMENT -> document.start();
        case CONTAINER -> container;
        default -> SKIP;
      };
    }
  }
}
