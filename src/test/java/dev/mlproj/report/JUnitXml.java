package dev.mlproj.report;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/** Validates JUnit XML against Jenkins' junit-10.xsd (written out in src/test/resources). */
public final class JUnitXml {

    private static final Schema SCHEMA = load();

    private JUnitXml() {
    }

    private static Schema load() {
        URL xsd = JUnitXml.class.getResource("/junit-10.xsd");
        if (xsd == null) {
            throw new IllegalStateException("junit-10.xsd is missing from the test resources");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            return factory.newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("junit-10.xsd does not load: " + e.getMessage(), e);
        }
    }

    /** The schema violations, one line each ("line:col message"); empty when the document is valid. */
    public static List<String> violations(String xml) {
        List<String> out = new ArrayList<>();
        Validator validator = SCHEMA.newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                out.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                out.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            if (out.isEmpty()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }
}
