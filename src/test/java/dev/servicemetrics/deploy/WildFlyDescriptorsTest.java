package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.database.Datasource;
import dev.servicemetrics.database.EnvironmentDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The WildFly web.xml (src/main/wildfly) is the Payara one plus WildFly's additions, and its datasource
 * follows DATABASE_URL as the application's own definition does: a change to either web.xml must reach both.
 */
class WildFlyDescriptorsTest {

    static final Path PAYARA = Path.of("src/main/webapp/WEB-INF/web.xml");
    static final Path WILDFLY = Path.of("src/main/wildfly/WEB-INF/web.xml");
    static final Set<String> WILDFLY_ONLY = Set.of("welcome-file-list", "context-param", "data-source", "servlet", "servlet-mapping");

    @Test
    void wildFlyWebXmlIsThePayaraOnePlusWildFlysAdditions() throws Exception {
        assertEquals(entries(PAYARA, WILDFLY_ONLY), entries(WILDFLY, WILDFLY_ONLY));
        assertEquals(List.of("welcome-file-list: index.html"), entries(PAYARA, Set.of()).stream()
                .filter(entry -> entry.startsWith("welcome-file-list")).toList(),
                "the Payara WAR keeps index.html as welcome file; WildFly serves it by undertow-handlers.conf");
        assertEquals(List.of("context-param: resteasy.preferJacksonOverJsonB false"), entries(WILDFLY, Set.of()).stream()
                .filter(entry -> entry.startsWith("context-param")).toList());
    }

    @Test
    void wildFlyDatasourceFollowsTheEnvironmentAsOnPayara() throws Exception {
        Element dataSource = (Element) root(WILDFLY).getElementsByTagName("data-source").item(0);
        assertEquals(Datasource.JNDI_NAME, text(dataSource, "name"));
        assertEquals(EnvironmentDataSource.class.getName(), text(dataSource, "class-name"));
        assertEquals(0, dataSource.getElementsByTagName("url").getLength(), "the URL comes from DATABASE_URL");
    }

    /** The top-level elements of web-app as "name: text", comments and whitespace aside. */
    static List<String> entries(Path webXml, Set<String> leftOut) throws Exception {
        List<String> entries = new ArrayList<>();
        for (Node child = root(webXml).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && !leftOut.contains(element.getTagName())) {
                entries.add(element.getTagName() + ": " + element.getTextContent().trim().replaceAll("\\s+", " "));
            }
        }
        return entries;
    }

    static Element root(Path webXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(webXml.toFile()).getDocumentElement();
    }

    static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent().trim();
    }
}
